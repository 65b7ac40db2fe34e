/** End-to-end tests: the packed package in a real n8n (installed by scripts/n8n/install.sh). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json', diagnostics: false }],
	},
	testTimeout: 120000,
	maxWorkers: 1,
	reporters: ['default', ['<rootDir>/test/harness/summaryReporter.js', {}]],
};
