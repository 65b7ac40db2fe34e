import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SOURCES = ['nodes', 'credentials'];

function files(dir: string, keep: (path: string) => boolean): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		return entry.isDirectory() ? files(path, keep) : keep(path) ? [path] : [];
	});
}

/**
 * Why `dist/` cannot be trusted, or undefined when it can: the engine tests run the built package,
 * so a source edited after the last build would otherwise be tested as it was before the edit.
 */
export function staleDistReason(root = ROOT): string | undefined {
	const built = files(join(root, 'dist'), (path) => path.endsWith('.js'));
	if (built.length === 0)
		return 'dist/ has no built files: run `npm run build` (or `npm test`, which builds first)';
	const builtAt = Math.min(...built.map((path) => statSync(path).mtimeMs));
	const newer = SOURCES.flatMap((dir) => files(join(root, dir), () => true)).filter(
		(path) => statSync(path).mtimeMs > builtAt,
	);
	if (newer.length === 0) return undefined;
	const shown = newer
		.slice(0, 5)
		.map((path) => relative(root, path))
		.join(', ');
	return `dist/ is older than ${shown}${newer.length > 5 ? ` and ${newer.length - 5} more` : ''}: run \`npm run build\` (or \`npm test\`, which builds first)`;
}

let checked = false;

/** Throws, once per test file, when the built package is older than its sources. */
export function assertDistFresh(): void {
	if (checked) return;
	const reason = staleDistReason();
	if (reason) throw new Error(`The engine tests run dist/, which is stale. ${reason}`);
	checked = true;
}
