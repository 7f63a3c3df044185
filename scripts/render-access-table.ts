import { readFileSync, writeFileSync } from 'node:fs'
import { withAccessTable } from '../test/authorization/render-access.js'

// Rewrites the access section of the README from the table the authorization test checks.
const path = new URL('../README.md', import.meta.url)
writeFileSync(path, withAccessTable(readFileSync(path, 'utf8')))
console.log('README.md: access table written')
