// The live hall board: follows the office's event stream (the browser reconnects by itself after a
// drop), redraws the called numbers and waiting figures, and, once switched on, announces each call
// aloud in the office's language, one announcement at a time.
;(() => {
  const root = document.getElementById('board')
  if (!root || !('EventSource' in window)) return
  const offline = root.querySelector('.board-offline')
  const soundButton = root.querySelector('.board-sound')
  const calledBody = root.querySelector('.board-called tbody')
  const none = root.querySelector('.board-none')
  const minutes = (n) => root.dataset.minutes.replace('{n}', String(n))

  // Speech: browsers allow it only after a press; announcements wait for each other.
  const speech = 'speechSynthesis' in window ? window.speechSynthesis : null
  let speaking = false
  let soundOn = false
  const pending = []
  const speakNext = () => {
    if (!speech || !soundOn || speaking || pending.length === 0) return
    const utterance = new SpeechSynthesisUtterance(pending.shift())
    utterance.lang = root.dataset.lang
    speaking = true
    utterance.onend = utterance.onerror = () => {
      speaking = false
      speakNext()
    }
    speech.speak(utterance)
  }
  if (speech && soundButton) {
    soundButton.hidden = false
    soundButton.addEventListener('click', () => {
      soundOn = true
      soundButton.textContent = root.dataset.soundOn
      soundButton.disabled = true
    })
  }

  const row = (cells) => {
    const tr = document.createElement('tr')
    cells.forEach((text, i) => {
      const td = document.createElement('td')
      td.textContent = text
      if (i === 0) td.className = 'board-number'
      tr.appendChild(td)
    })
    return tr
  }

  const drawCalled = (called) => {
    calledBody.replaceChildren(...called.map((c) => row([c.number, c.deskName])))
    if (none) none.hidden = called.length > 0
  }

  const drawQueues = (queues) => {
    for (const q of queues) {
      const tr = root.querySelector(`.board-queues tr[data-prefix="${q.prefix}"]`)
      if (!tr) continue
      tr.querySelector('.board-waiting').textContent = String(q.waiting)
      tr.querySelector('.board-wait').textContent = minutes(q.estimatedWaitMinutes)
    }
  }

  let called = []
  const events = new EventSource(root.dataset.events)
  events.addEventListener('open', () => {
    if (offline) offline.hidden = true
  })
  events.addEventListener('error', () => {
    if (offline) offline.hidden = false
  })
  events.addEventListener('board', (e) => {
    const board = JSON.parse(e.data)
    called = board.called
    drawCalled(called)
    drawQueues(board.queues)
  })
  events.addEventListener('called', (e) => {
    const call = JSON.parse(e.data)
    called = [call, ...called.filter((c) => c.number !== call.number)].slice(0, 8)
    drawCalled(called)
    pending.push(root.dataset.say.replace('{number}', call.number).replace('{desk}', call.deskName))
    speakNext()
  })
})()
