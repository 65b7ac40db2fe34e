import { builtinModules } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const DIST = join(__dirname, '..', '..', 'dist');

function jsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? jsFiles(path) : path.endsWith('.js') ? [path] : [];
	});
}

describe('the built package', () => {
	const files = jsFiles(DIST);
	const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as Record<string, unknown>;

	it('requires nothing but relative files, node built-ins and n8n-workflow', () => {
		const outside = new Set<string>();
		for (const file of files) {
			const source = readFileSync(file, 'utf8');
			for (const match of source.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)|\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) {
				const target = match[1] ?? match[2];
				if (target.startsWith('.') || target === 'n8n-workflow') continue;
				if (builtinModules.includes(target.replace(/^node:/, ''))) continue;
				outside.add(`${relative(DIST, file)} -> ${target}`);
			}
		}
		expect([...outside]).toEqual([]);
	});

	it('loads every node and credential listed in package.json', () => {
		const n8n = pkg.n8n as { nodes: string[]; credentials: string[] };
		for (const path of [...n8n.nodes, ...n8n.credentials]) {
			const loaded = require(join(__dirname, '..', '..', path)) as Record<string, unknown>;
			expect(Object.values(loaded).some((value) => typeof value === 'function')).toBe(true);
		}
	});

	it('has no runtime dependencies and n8n-workflow as a peer', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});
});
