// The kiosk device: back to the start screen after a short idle time, the ticket printed at once
// (Chromium started with --kiosk-printing prints without a dialog), and a print button for devices
// where printing is manual. Without JavaScript the ticket page still returns to the start by itself.
;(() => {
  const body = document.body
  const home = body.dataset.kioskHome
  if (!home) return
  const idleSeconds = Number(body.dataset.kioskIdle || 60)
  const atHome = () => window.location.pathname + window.location.search === home
  let timer = null
  const restart = () => {
    if (timer) clearTimeout(timer)
    if (!atHome()) timer = setTimeout(() => window.location.assign(home), idleSeconds * 1000)
  }
  for (const event of ['pointerdown', 'keydown', 'input', 'scroll'])
    addEventListener(event, restart, { passive: true })
  restart()

  const print = document.querySelector('[data-print]')
  if (print) {
    print.hidden = false
    print.addEventListener('click', () => window.print())
  }
  // Print each ticket once, not again when the page is shown again.
  const ticket = body.dataset.autoprint
  if (ticket && sessionStorage.getItem(`printed:${ticket}`) !== '1') {
    sessionStorage.setItem(`printed:${ticket}`, '1')
    window.print()
  }
})()
