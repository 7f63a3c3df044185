import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { validate } from 'dockerfile-utils'
import t from 'tap'
import { parse } from 'yaml'

const run = promisify(execFile)

t.test('the Dockerfile lints clean and builds what it runs', async (t) => {
  const dockerfile = readFileSync('Dockerfile', 'utf8')
  t.same(validate(dockerfile), [], 'dockerfile-utils finds no problem')
  const instructions = dockerfile.split('\n').filter((l) => /^[A-Z]+\s/.test(l))
  t.equal(instructions.filter((l) => l.startsWith('FROM ')).length, 2, 'multi-stage: build and runtime')
  t.match(
    instructions.find((l) => l.startsWith('USER ')),
    /^USER node$/,
    'runs as a non-root user',
  )
  t.ok(
    instructions.some((l) => l.startsWith('HEALTHCHECK ')),
    'has a healthcheck',
  )
  t.match(dockerfile, /health\/ready/, 'the healthcheck asks /health/ready')
  const image = /^ARG NODE_IMAGE=node:(\d+)-[a-z]+-slim$/m.exec(dockerfile)
  t.ok(image, 'one Node image for both stages, a slim Debian one')
  t.ok(
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dockerfile's own ${NODE_IMAGE}, not a template
    instructions.filter((l) => l.startsWith('FROM ')).every((l) => l.startsWith('FROM ${NODE_IMAGE} ')),
    'both stages use it',
  )
  const minimum = Number(/>=\s*(\d+)/.exec(JSON.parse(readFileSync('package.json', 'utf8')).engines.node)![1])
  t.ok(Number(image![1]) >= minimum, `Node ${image![1]} in the image is within package.json engines (>= ${minimum})`)
  const cmd = JSON.parse(instructions.find((l) => l.startsWith('CMD '))!.slice(4)) as string[]

  // The runtime stage runs the compiled server: compile as the build stage does and check it is there.
  const out = mkdtempSync(path.join(tmpdir(), 'fw-build-'))
  t.teardown(() => rmSync(out, { recursive: true, force: true }))
  await run('node_modules/.bin/tsc', ['-p', 'tsconfig.build.json', '--outDir', out])
  t.ok(existsSync(path.join(out, cmd[1].replace(/^dist\//, ''))), `${cmd[1]} is produced by npm run build`)
  t.ok(existsSync(path.join(out, 'migrations/0001_foundation.js')), 'migrations are compiled beside it')
  for (const copied of dockerfile.matchAll(/^COPY (?!--from)(\S+)/gm)) t.ok(existsSync(copied[1]), `${copied[1]} exists for COPY`)
})

t.test('docker-compose.yml wires the API to PostgreSQL', async (t) => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8'))
  const { postgres, api } = compose.services
  t.ok(postgres && api, 'a postgres and an api service')
  const env = postgres.environment
  const url = new URL(api.environment.DATABASE_URL)
  t.equal(url.hostname, 'postgres', 'DATABASE_URL points at the postgres service')
  t.equal(decodeURIComponent(url.username), env.POSTGRES_USER)
  t.equal(decodeURIComponent(url.password), env.POSTGRES_PASSWORD)
  t.equal(url.pathname, `/${env.POSTGRES_DB}`)
  t.equal(api.depends_on.postgres.condition, 'service_healthy', 'the API waits for a healthy database')
  t.ok(postgres.healthcheck, 'postgres has a healthcheck')
  t.equal(api.build, '.', 'the API is built from this Dockerfile')
  t.match(api.ports[0], /:3000$/)
  t.equal(api.environment.HOST, '0.0.0.0', 'listens beyond the container')
  for (const volume of postgres.volumes ?? []) t.ok(volume.split(':')[0] in (compose.volumes ?? {}), `volume ${volume} is declared`)
  t.notOk('name' in compose, 'no top-level name (older compose rejects it)')

  const composeBin = ['/usr/bin/docker-compose', '/usr/local/bin/docker-compose'].find(existsSync)
  if (composeBin) {
    await run(composeBin, ['-f', 'docker-compose.yml', 'config', '-q'], { env: { ...process.env, ADMIN_API_KEY: 'x'.repeat(32) } })
    t.pass('docker-compose config accepts the file')
  }
})
