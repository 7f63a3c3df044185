/**
 * The requests measured. A case with a goal is sent, byte for byte the same, to the API and to the bare
 * baseline (which serves the same paths); its goal is the lowest acceptable API/bare ratio of req/s.
 * The others are measured on the API alone.
 */
import { randomBytes } from 'node:crypto'
import type { Targets } from './database.js'

export interface NextRequest {
  path: string
  body?: string
}

export interface Case {
  id: string
  title: string
  method: 'GET' | 'POST'
  /** Lowest acceptable API/bare ratio; null: no baseline, the API alone. */
  goal: number | null
  /** Needs the API key. */
  authenticated: boolean
  /** Measured against the baseline on the floor server (floor-server.ts) instead of the API. */
  onFloor?: boolean
  /** Each call gives the next request: reads rotate over the targets, writes make a new family. */
  requests: (targets: Targets) => () => NextRequest
}

const rotate = (paths: string[]) => {
  let i = 0
  return () => ({ path: paths[i++ % paths.length] })
}

/** A family as a case system registers it: carers and children, an address and its own id for the family. */
function newFamilies(teamId: string): () => NextRequest {
  const run = randomBytes(4).toString('hex')
  let n = 0
  return () => {
    n++
    return {
      path: '/families',
      body: JSON.stringify({
        teamId,
        reference: `BENCH-${run}-${n}`,
        tier: 3,
        plan: 'early_help',
        externalRefs: [{ system: 'bench', value: `${run}-${n}` }],
        members: [
          { givenName: 'Parent', familyName: `Bench ${n}`, role: 'parent_carer', dateOfBirth: '1990-04-12' },
          { givenName: 'Child 1', familyName: `Bench ${n}`, role: 'child', dateOfBirth: '2015-09-01' },
          { givenName: 'Child 2', familyName: `Bench ${n}`, role: 'child', dateOfBirth: '2019-02-20' },
        ],
        address: { line1: `${n} Bench Road`, town: 'Benchford', postcode: 'ZZ99 9ZZ' },
      }),
    }
  }
}

export const CASES: Case[] = [
  {
    id: 'family-get',
    title: 'GET one family (with its SLA block)',
    method: 'GET',
    goal: 0.6,
    authenticated: true,
    requests: (t) => rotate(t.familyIds.map((id) => `/families/${id}`)),
  },
  {
    id: 'service-request-get',
    title: 'GET one service request (SLA block)',
    method: 'GET',
    goal: 0.6,
    authenticated: true,
    requests: (t) => rotate(t.serviceRequestIds.map((id) => `/service-requests/${id}`)),
  },
  {
    id: 'family-page',
    title: 'GET a page of 50 families',
    method: 'GET',
    goal: 0.5,
    authenticated: true,
    requests: () => rotate(['/families?limit=50']),
  },
  {
    id: 'family-post',
    title: 'POST a family (audited change)',
    method: 'POST',
    goal: 0.4,
    authenticated: true,
    requests: (t) => newFamilies(t.teamId),
  },
  {
    id: 'family-get-floor',
    title: 'floor: one family, one audited statement',
    method: 'GET',
    goal: null,
    authenticated: false,
    onFloor: true,
    requests: (t) => rotate(t.familyIds.map((id) => `/families/${id}`)),
  },
  {
    id: 'family-get-floor-unlogged',
    title: 'floor: one family, read not logged',
    method: 'GET',
    goal: null,
    authenticated: false,
    onFloor: true,
    requests: (t) => rotate(t.familyIds.map((id) => `/families/${id}?audit=later`)),
  },
  { id: 'health-live', title: 'GET /health/live', method: 'GET', goal: null, authenticated: false, requests: () => rotate(['/health/live']) },
  { id: 'service-standards', title: 'GET /service-standards', method: 'GET', goal: null, authenticated: true, requests: () => rotate(['/service-standards']) },
  { id: 'openapi', title: 'GET /openapi.json', method: 'GET', goal: null, authenticated: false, requests: () => rotate(['/openapi.json']) },
]

export const CASE_IDS: readonly string[] = CASES.map((c) => c.id)

/** Cases run side by side with the baseline: those with a goal, and the floor's. */
export const hasBaseline = (c: Case) => c.goal !== null || c.onFloor === true

export const headersFor = (c: Case, key: string): Record<string, string> => ({
  ...(c.authenticated ? { authorization: `Bearer ${key}` } : {}),
  ...(c.method === 'POST' ? { 'content-type': 'application/json' } : {}),
})
