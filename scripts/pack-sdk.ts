// Builds the SDK package in openapi/ (ESM JavaScript and declarations) and packs it with npm.
// `npm run sdk:pack` writes the tarball to dist/; `npm run sdk:pack -- <folder>` writes it there.
import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const SDK_DIR = path.join(root, 'openapi')

/** What npm reports of a packed tarball. */
export interface Packed {
  tarball: string
  name: string
  version: string
  files: string[]
}

/** `npm pack` of a folder into `destination`, scripts off. */
export async function npmPack(folder: string, destination: string): Promise<Packed> {
  const { stdout } = await run('npm', ['pack', folder, '--pack-destination', destination, '--json', '--ignore-scripts', '--silent'], { cwd: destination })
  const [report] = JSON.parse(stdout) as { filename: string; name: string; version: string; files: { path: string }[] }[]
  return { tarball: path.join(destination, report.filename), name: report.name, version: report.version, files: report.files.map((f) => f.path).sort() }
}

/**
 * Compiles openapi/client.ts into a staging copy of the package (the repository's openapi/ folder is
 * left as it is), adds the generated declarations that tsc does not copy, and packs it.
 */
export async function packSdk(destination: string): Promise<Packed> {
  const staging = mkdtempSync(path.join(tmpdir(), 'fw-sdk-'))
  try {
    for (const file of ['package.json', 'README.md', 'openapi.json']) copyFileSync(path.join(SDK_DIR, file), path.join(staging, file))
    await run(path.join(root, 'node_modules/.bin/tsc'), ['-p', path.join(SDK_DIR, 'tsconfig.json'), '--outDir', path.join(staging, 'dist')])
    copyFileSync(path.join(SDK_DIR, 'schema.d.ts'), path.join(staging, 'dist/schema.d.ts'))
    return await npmPack(staging, destination)
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

async function main() {
  const destination = path.resolve(process.argv[2] ?? path.join(root, 'dist'))
  mkdirSync(destination, { recursive: true })
  const packed = await packSdk(destination)
  console.log(`${packed.name}@${packed.version}: ${path.relative(process.cwd(), packed.tarball)} (${packed.files.join(', ')})`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
