// Keeps a resident's ticket page current: asks for the ticket every 15 seconds and updates its
// status, the people ahead and the estimated wait in place (no reload, no lost scroll position).
;(() => {
  const live = document.getElementById('ticket-live')
  const facts = document.querySelector('.ticket-facts')
  if (!live || !facts || !window.fetch) return
  const statuses = JSON.parse(facts.dataset.statuses)
  const status = facts.querySelector('[role="status"]')
  const ahead = facts.querySelector('.ticket-ahead')
  const wait = facts.querySelector('.ticket-wait')
  const tick = async () => {
    try {
      const res = await fetch(`/api/v1/tickets/${live.dataset.ticket}`, {
        headers: { accept: 'application/json' },
      })
      if (!res.ok) return
      const t = await res.json()
      const text = (statuses[t.status] || t.status).replace('{desk}', t.deskName || '')
      if (status && status.textContent !== text) status.textContent = text
      if (ahead && t.peopleAhead !== undefined) ahead.textContent = String(t.peopleAhead)
      if (wait && t.estimatedWaitMinutes !== undefined)
        wait.textContent = live.dataset.minutes.replace('{n}', String(t.estimatedWaitMinutes))
    } catch {
      // Offline for a moment: the next tick tries again.
    }
  }
  setInterval(tick, 15000)
})()
