import { config } from '@n8n/node-cli/eslint';

// n8n's own rules for community nodes, as `n8n-node lint` applies them. They cover what is shipped
// (nodes/, credentials/, package.json); the sandbox, tests and tools are never installed into n8n.
export default [{ ignores: ['sandbox/**', 'test/**', 'scripts/**', 'bench/**', 'examples/**', 'gulpfile.js', 'jest.config.js', 'coverage/**'] }, ...config];
