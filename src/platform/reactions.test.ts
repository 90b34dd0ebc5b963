import { describe, expect, it } from 'vitest'
import type { Db } from './db/index.js'
import { InTransactionReactions } from './reactions.js'

declare module './events.js' {
  interface EventMap {
    'test.reacted': { n: number }
  }
}

const trx = { name: 'the publisher’s transaction' } as unknown as Db

describe('in-transaction reactions', () => {
  it('runs each subscriber in turn, inside the publisher’s unit of work, and says how many reacted', async () => {
    const reactions = new InTransactionReactions()
    const seen: string[] = []
    reactions.on('test.reacted', async (uow, { n }) => {
      expect(uow).toBe(trx)
      await new Promise((r) => setTimeout(r, 5))
      seen.push(`first ${n}`)
    })
    const off = reactions.on('test.reacted', async (_uow, { n }) => {
      seen.push(`second ${n}`)
    })
    expect(await reactions.publish(trx, 'test.reacted', { n: 1 })).toBe(2)
    off()
    expect(await reactions.publish(trx, 'test.reacted', { n: 2 })).toBe(1)
    expect(seen).toEqual(['first 1', 'second 1', 'first 2'])
  })

  it('fails the publisher with the first failure, and runs no later subscriber', async () => {
    const reactions = new InTransactionReactions()
    const after: number[] = []
    reactions.on('test.reacted', async () => {
      throw new Error('refused')
    })
    reactions.on('test.reacted', async (_uow, { n }) => {
      after.push(n)
    })
    await expect(reactions.publish(trx, 'test.reacted', { n: 1 })).rejects.toThrow('refused')
    expect(after).toEqual([])
  })

  it('tells a publisher when nobody reacts', async () => {
    expect(await new InTransactionReactions().publish(trx, 'test.reacted', { n: 1 })).toBe(0)
  })
})
