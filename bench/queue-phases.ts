import autocannon from 'autocannon'
import { type LoadResult, mediansOf } from './support.js'

/** Where a queue's two hot use cases are, on Ratusz or on the hand-written reference. */
export interface QueueTarget {
  url: string
  issuePath: string
  issueToken: string
  issueBody: string
  desks: { path: string; token: string }[]
}

export interface PhaseResult extends LoadResult {
  /** Answers that did the work: tickets issued, or tickets called (not "nobody waiting"). */
  done: number
}

function summary(result: autocannon.Result, done: number, ms: number): PhaseResult {
  return {
    // A burst of a fixed number lasts a second or two: its rate is its count over its own time.
    requestsPerSecond: Math.round(result.requests.total / (ms / 1000)),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    done,
  }
}

/** `amount` tickets issued from `connections` clients. */
export async function issuePhase(t: QueueTarget, amount: number, connections: number): Promise<PhaseResult> {
  let done = 0
  const started = performance.now()
  // autocannon ends a run of a fixed number at its next one-second tick: the burst's own time is
  // from the start to its last answer.
  let last = started
  const result = await autocannon({
    url: t.url,
    connections,
    amount,
    requests: [
      {
        method: 'POST',
        path: t.issuePath,
        headers: { authorization: `Bearer ${t.issueToken}`, 'content-type': 'application/json' },
        body: t.issueBody,
        onResponse: (status) => {
          last = performance.now()
          if (status === 201) done += 1
        },
      },
    ],
  })
  return summary(result, done, last - started)
}

/**
 * `amount` call-nexts from `connections` clients, the desks in turn: a fixed number (fewer than the
 * tickets waiting), so that every call finds someone to call and both sides do the same work.
 */
export async function callPhase(t: QueueTarget, amount: number, connections: number): Promise<PhaseResult> {
  let turn = 0
  let done = 0
  const started = performance.now()
  // autocannon ends a run of a fixed number at its next one-second tick: the burst's own time is
  // from the start to its last answer.
  let last = started
  const result = await autocannon({
    url: t.url,
    connections,
    amount,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const desk = t.desks[turn++ % t.desks.length]!
          return { ...req, path: desk.path, headers: { authorization: `Bearer ${desk.token}` } }
        },
        onResponse: (status) => {
          last = performance.now()
          if (status === 200) done += 1
        },
      },
    ],
  })
  return summary(result, done, last - started)
}

/**
 * A busy office's morning in bursts: 500 tickets issued, then 450 called, `bursts` times a round (the
 * queue never longer than a real one, a few hundred). The medians over the rounds' bursts.
 */
export async function issueThenCall(t: QueueTarget, rounds: number, bursts: number, connections: number) {
  await callPhase(t, Math.floor((await issuePhase(t, 200, connections)).done * 0.9), connections)
  const issues: PhaseResult[] = []
  const calls: PhaseResult[] = []
  for (let i = 0; i < rounds * bursts; i++) {
    const issued = await issuePhase(t, 500, connections)
    issues.push(issued)
    calls.push(await callPhase(t, Math.floor(issued.done * 0.9), connections))
  }
  return { issue: medians(issues), call: medians(calls) }
}

function medians(runs: PhaseResult[]): PhaseResult {
  return { ...mediansOf(runs), done: runs.reduce((n, r) => n + r.done, 0) }
}
