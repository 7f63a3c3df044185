import { execFile } from 'node:child_process'
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { npmPack, packSdk, SDK_DIR } from '../../scripts/pack-sdk.js'
import { buildTestApp } from '../helpers/app.js'

const run = promisify(execFile)
const root = process.cwd()
const tsc = path.join(root, 'node_modules/.bin/tsc')

/** The package's runtime dependencies, packed from this repository's node_modules so the install needs no network. */
const RUNTIME_DEPENDENCIES = ['openapi-fetch', 'openapi-typescript-helpers']

/**
 * The README's TypeScript examples as one module: imports first, the first example at the top level
 * (it creates \`api\`), each further one in a block of its own, with the ids they use declared.
 */
function readmeExamples(readme: string): string {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1].split('\n'))
  const imports = new Set(blocks.flat().filter((line) => line.startsWith('import ')))
  const [first, ...rest] = blocks.map((lines) => lines.filter((line) => !line.startsWith('import ')).join('\n'))
  return [...imports, 'declare const id: string', 'declare const teamId: string', first, ...rest.map((b) => `{\n${b}\n}`), 'export {}', ''].join('\n')
}

/** Runs a command; on failure the test sees its output rather than a bare exit code. */
async function sh(t: { fail: (message: string) => void }, file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  try {
    return await run(file, args, { ...options, maxBuffer: 16 * 1024 * 1024 })
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string }
    t.fail(`${path.basename(file)} ${args.join(' ')}\n${stdout ?? ''}${stderr ?? ''}`)
    throw error
  }
}

t.test('the SDK package: versions agree with the contract', async (t) => {
  const sdk = JSON.parse(readFileSync(path.join(SDK_DIR, 'package.json'), 'utf8'))
  const document = JSON.parse(readFileSync('openapi/openapi.json', 'utf8'))
  const api = JSON.parse(readFileSync('package.json', 'utf8'))
  t.equal(sdk.version, document.info.version, 'the package version is the API version in the document')
  t.equal(sdk.version, api.version, 'and the server’s')
  t.equal(sdk.dependencies['openapi-fetch'], api.dependencies['openapi-fetch'], 'openapi-fetch pinned to the version the tests use')
  t.match(sdk.dependencies['openapi-fetch'], /^\d+\.\d+\.\d+$/, 'pinned exactly')
})

t.test('the packed SDK installs into a new project and drives the API by its package name', async (t) => {
  const work = mkdtempSync(path.join(tmpdir(), 'fw-sdk-consumer-'))
  t.teardown(() => rmSync(work, { recursive: true, force: true }))

  const packed = await packSdk(work)
  t.equal(packed.name, '@family-work/api-client')
  t.same(
    packed.files,
    ['README.md', 'dist/client.d.ts', 'dist/client.js', 'dist/schema.d.ts', 'openapi.json', 'package.json'],
    'ships the build, the declarations, the document and the README',
  )
  const dependencies = await Promise.all(RUNTIME_DEPENDENCIES.map((name) => npmPack(path.join(root, 'node_modules', name), work)))

  // A consumer project of its own: an ESM package with the repository's TypeScript and Node types.
  const consumer = path.join(work, 'consumer')
  mkdirSync(consumer)
  writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'sdk-consumer', private: true, type: 'module' }))
  writeFileSync(
    path.join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmitOnError: true,
        skipLibCheck: true,
        typeRoots: [path.join(root, 'node_modules/@types')],
        types: ['node'],
        outDir: 'out',
      },
      files: ['main.ts', 'readme.ts'],
    }),
  )
  copyFileSync(path.join(root, 'test/fixtures/sdk-consumer/main.ts'), path.join(consumer, 'main.ts'))

  await sh(
    t,
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', ...dependencies.map((d) => d.tarball), packed.tarball],
    { cwd: consumer },
  )
  const installed = path.join(consumer, 'node_modules/@family-work/api-client')
  t.notOk(lstatSync(installed).isSymbolicLink(), 'installed from the tarball, not linked to the repository')
  t.equal(JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')).version, packed.version)
  const examples = readmeExamples(readFileSync(path.join(installed, 'README.md'), 'utf8'))
  t.ok(examples.split('\n{\n').length >= 6, 'the shipped README has its examples')
  writeFileSync(path.join(consumer, 'readme.ts'), examples)

  // Type-checking proves the published declarations resolve and that GET /breaches is a page, not a union.
  await sh(t, tsc, ['-p', consumer])
  t.pass('the consumer program and the README examples type-check against the installed package')

  const api = await buildTestApp(t)
  await api.app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = api.app.server.address() as AddressInfo
  const env = { PATH: process.env.PATH, API_URL: `http://127.0.0.1:${port}`, API_KEY: api.adminKey }
  const { stdout } = await sh(t, process.execPath, [path.join(consumer, 'out/main.js')], { cwd: consumer, env })
  const result = JSON.parse(stdout)

  t.equal(result.created.status, 201)
  t.same(result.replayed, { status: 201, id: result.created.id, header: 'true' }, 'Idempotency-Key: the retry replays the first family')
  t.equal(result.etag, '"1"')
  t.same(result.changed, { status: 200, tier: 4, version: 2 }, 'If-Match with the current ETag changes it')
  t.same(result.stale, { status: 412, type: '/problems/precondition-failed' }, 'and a stale one is refused')
  t.same([...result.pagedIds].sort(), [result.created.id, result.secondId].sort(), 'cursor pages of one reach both families once')
  t.equal(result.pagedIds.length, 2)
  t.same(result.overdue, [{ standard: 'allocation', dueDate: '2027-01-28', familyId: result.created.id }], 'allocation due 28 January is overdue on 1 February')
  t.equal(result.overdueEarlier, 0, 'asOf 26 January: not yet overdue')
  t.equal(result.csvLines.length, 2, 'CSV: a header and the one overdue clock')
  t.match(result.csvLines[0], /^\uFEFF?Clock ID,Standard,Description,Status,Due date,/)
  t.match(result.csvLines[1], /,allocation,.*,overdue,2027-01-28,/)
  t.same(result.refused, { status: 401, type: '/problems/unauthorized' }, 'no key: 401 problem')
})
