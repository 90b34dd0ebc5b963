// The live hall board: follows the office's event stream, redraws the called numbers (the newest
// marked) and waiting figures, keeps the clock, and chimes and announces each call aloud, one
// announcement at a time, in the office's language and in the screen's second language where it has
// one (its words alternate with the first's every ten seconds). After a network cut or a server
// restart it reconnects by itself, waiting a little longer each time, and says it is offline meanwhile.
;(() => {
  const root = document.getElementById('board')
  if (!root || !('EventSource' in window)) return
  const words = { [root.dataset.lang]: JSON.parse(root.dataset.words) }
  const alsoLang = root.dataset.alsoLang
  if (alsoLang) words[alsoLang] = JSON.parse(root.dataset.alsoWords)
  const langs = Object.keys(words)
  let shown = root.dataset.lang
  const offline = root.querySelector('.board-offline')
  const soundButton = root.querySelector('.board-sound')
  const calledBody = root.querySelector('.board-called tbody')
  const none = root.querySelector('.board-none')
  const minutes = (lang, n) => words[lang].minutes.replace('{n}', String(n))

  // The clock, in the office's timezone.
  const clock = root.querySelector('.board-clock time')
  const timeFormat = new Intl.DateTimeFormat(root.dataset.lang, {
    timeStyle: 'short',
    timeZone: root.dataset.timezone,
  })
  const tick = () => {
    const now = new Date()
    clock.textContent = timeFormat.format(now)
    clock.setAttribute('datetime', now.toISOString())
  }
  tick()
  setInterval(tick, 1000)

  // The second language: every word on the board, queue names and the minutes, every ten seconds.
  const showWords = (lang) => {
    shown = lang
    for (const el of root.querySelectorAll('[data-word]')) el.textContent = words[lang][el.dataset.word]
    for (const el of root.querySelectorAll('[data-names]'))
      el.textContent = JSON.parse(el.dataset.names)[lang]
    for (const el of root.querySelectorAll('[data-minutes]'))
      el.textContent = minutes(lang, el.dataset.minutes)
    root.setAttribute('lang', lang)
  }
  if (langs.length > 1) setInterval(() => showWords(langs[(langs.indexOf(shown) + 1) % langs.length]), 10_000)

  // Sound: a chime, then the announcement in each language. Browsers allow sound only after a press
  // unless the screen's browser was started to allow it (see docs/centre-setup.md): then the button
  // shows, and one press turns it on.
  const soundWanted = root.dataset.sound === 'on'
  const speech = 'speechSynthesis' in window ? window.speechSynthesis : null
  const AudioContext = window.AudioContext || window.webkitAudioContext
  const audio = soundWanted && AudioContext ? new AudioContext() : null
  const soundAllowed = () => soundWanted && (!audio || audio.state === 'running')
  if (soundWanted && soundButton && audio && audio.state !== 'running') {
    soundButton.hidden = false
    soundButton.addEventListener('click', async () => {
      await audio.resume()
      soundButton.hidden = true
      speakNext()
    })
  }
  const chime = () =>
    new Promise((resolve) => {
      if (!audio) return resolve()
      const start = audio.currentTime
      for (const [i, frequency] of [660, 880].entries()) {
        const tone = audio.createOscillator()
        const gain = audio.createGain()
        tone.frequency.value = frequency
        gain.gain.setValueAtTime(0.25, start + i * 0.35)
        gain.gain.exponentialRampToValueAtTime(0.001, start + i * 0.35 + 0.6)
        tone.connect(gain).connect(audio.destination)
        tone.start(start + i * 0.35)
        tone.stop(start + i * 0.35 + 0.6)
      }
      setTimeout(resolve, 1000)
    })
  const say = (text, lang) =>
    new Promise((resolve) => {
      if (!speech) return resolve()
      const utterance = new SpeechSynthesisUtterance(text)
      utterance.lang = lang
      utterance.onend = utterance.onerror = () => resolve()
      speech.speak(utterance)
    })
  let speaking = false
  const pending = []
  const speakNext = async () => {
    if (!soundAllowed() || speaking || pending.length === 0) return
    speaking = true
    const call = pending.shift()
    await chime()
    for (const lang of langs)
      await say(words[lang].say.replace('{number}', call.number).replace('{desk}', call.deskName), lang)
    speaking = false
    speakNext()
  }

  const row = (call, newest) => {
    const tr = document.createElement('tr')
    if (newest) tr.className = 'board-newest'
    for (const [text, className] of [
      [call.number, 'board-number'],
      [call.deskName, 'board-desk'],
    ]) {
      const td = document.createElement('td')
      td.textContent = text
      td.className = className
      tr.appendChild(td)
    }
    return tr
  }
  const drawCalled = (called) => {
    calledBody.replaceChildren(...called.map((c, i) => row(c, i === 0)))
    if (none) none.hidden = called.length > 0
  }
  const drawQueues = (queues) => {
    for (const q of queues) {
      const tr = root.querySelector(`.board-queues tr[data-prefix="${q.prefix}"]`)
      if (!tr) continue
      tr.querySelector('.board-waiting').textContent = String(q.waiting)
      const wait = tr.querySelector('.board-wait')
      wait.dataset.minutes = String(q.estimatedWaitMinutes)
      wait.textContent = minutes(shown, q.estimatedWaitMinutes)
    }
  }

  let called = []
  let retry = 1000
  const connect = () => {
    const events = new EventSource(root.dataset.events)
    events.addEventListener('open', () => {
      offline.hidden = true
      retry = 1000
    })
    events.addEventListener('error', () => {
      offline.hidden = false
      // The browser retries a dropped stream itself, but not one the server (or a proxy in front of
      // it, during a restart) answered with an error: that one is closed, and is opened again here.
      if (events.readyState === EventSource.CLOSED) {
        setTimeout(connect, retry)
        retry = Math.min(retry * 2, 30_000)
      }
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
      pending.push(call)
      speakNext()
    })
  }
  connect()
})()
