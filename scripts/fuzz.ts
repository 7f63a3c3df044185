// Runs the generated-request test longer than `npm test` does: `npm run fuzz -- --requests 50000 [--seed N]`.
import { spawn } from 'node:child_process'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { requests: { type: 'string', default: '50000' }, seed: { type: 'string' } } })
const requests = Number(values.requests)
if (!Number.isInteger(requests) || requests < 1) {
  process.stderr.write('--requests must be a whole number above 0\n')
  process.exit(2)
}
const env = { ...process.env, FUZZ_REQUESTS: String(requests), ...(values.seed ? { FUZZ_SEED: values.seed } : {}) }
const child = spawn('npx', ['tap', '--timeout', '0', 'test/fuzz/fuzz.test.ts'], { env, stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 1))
