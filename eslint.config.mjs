import { createRequire } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import { config } from '@n8n/node-cli/eslint';

// typescript-eslint as @n8n/node-cli itself uses it, so both configs read TypeScript alike.
const tseslint = createRequire(import.meta.resolve('@n8n/node-cli/eslint'))('typescript-eslint');

/** Never shipped: the sandbox, the tests, the tools and the benchmark. */
const TOOLING = ['sandbox/**', 'test/**', 'scripts/**', 'bench/**'];

export default [
	{
		ignores: [
			'dist/**',
			'examples/**',
			'coverage/**',
			'gulpfile.js',
			'jest.config.js',
			'jest.e2e.config.js',
			'.prettierrc.js',
		],
	},
	// n8n's own rules for community nodes, as `n8n-node lint` applies them, on what is shipped
	// (nodes/, credentials/, package.json), unchanged.
	...config.map((block) =>
		isGlobalIgnore(block) ? block : { ...block, ignores: [...(block.ignores ?? []), ...TOOLING] },
	),
	// A light check of everything else: the recommended rules of ESLint and typescript-eslint.
	...tseslint.config({
		files: TOOLING.map((dir) => `${dir.slice(0, -3)}/**/*.{ts,js,mjs}`),
		extends: [js.configs.recommended, tseslint.configs.recommended],
		languageOptions: { globals: { ...globals.node, ...globals.jest } },
		rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }] },
	}),
	// jest loads its reporters as CommonJS.
	{
		files: ['test/**/*.js'],
		languageOptions: { sourceType: 'commonjs' },
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
];

/** A block of nothing but ignores (and a name) ignores files for every block: keep it as it is. */
function isGlobalIgnore(block) {
	return Object.keys(block).every((key) => key === 'ignores' || key === 'name');
}
