// Keeps the desk console's list of waiting tickets current: when the office's board changes, the
// list is fetched again and swapped in place (the rest of the page, and where the clerk is typing,
// stay as they are).
;(() => {
  const section = document.getElementById('desk-waiting')
  if (!section?.dataset.events || !('EventSource' in window)) return
  let timer = null
  const refresh = async () => {
    timer = null
    try {
      const res = await fetch(window.location.pathname, { headers: { accept: 'text/html' } })
      if (!res.ok) return
      const page = new DOMParser().parseFromString(await res.text(), 'text/html')
      const fresh = page.getElementById('desk-waiting')
      const current = document.getElementById('desk-waiting')
      if (fresh && current && !current.contains(document.activeElement)) current.innerHTML = fresh.innerHTML
    } catch {
      // Offline for a moment: the next change tries again.
    }
  }
  const soon = () => {
    if (!timer) timer = setTimeout(refresh, 500)
  }
  const events = new EventSource(section.dataset.events)
  events.addEventListener('board', soon)
  events.addEventListener('called', soon)
})()
