import { builtinModules } from 'node:module';
import {
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { PackageDirectoryLoader } from 'n8n-core';
import { assertDistFresh, staleDistReason } from '../harness/distFreshness';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');

function jsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? jsFiles(path) : path.endsWith('.js') ? [path] : [];
	});
}

describe('the built package', () => {
	beforeAll(() => assertDistFresh());
	const files = jsFiles(DIST);
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<
		string,
		unknown
	>;

	it('requires nothing but relative files, node built-ins and n8n-workflow', () => {
		const outside = new Set<string>();
		for (const file of files) {
			const source = readFileSync(file, 'utf8');
			for (const match of source.matchAll(
				/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)|\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g,
			)) {
				const target = match[1] ?? match[2];
				if (target.startsWith('.') || target === 'n8n-workflow') continue;
				if (builtinModules.includes(target.replace(/^node:/, ''))) continue;
				outside.add(`${relative(DIST, file)} -> ${target}`);
			}
		}
		expect([...outside]).toEqual([]);
	});

	it('loads in n8n: its package loader finds every node and credential listed in package.json', async () => {
		const loader = new PackageDirectoryLoader(ROOT);
		await loader.loadAll();
		const n8n = pkg.n8n as { nodes: string[]; credentials: string[] };
		expect(loader.types.nodes.map((node) => node.name).sort()).toEqual([
			'smsCenter',
			'smsCenterTrigger',
		]);
		expect(loader.types.credentials.map((credential) => credential.name).sort()).toEqual([
			'smsCenterApi',
			'smsCenterTriggerApi',
		]);
		expect(
			Object.values(loader.known.nodes)
				.map((known) => known.sourcePath)
				.sort(),
		).toEqual([...n8n.nodes].sort());
		expect(Object.values(loader.known.credentials).map((known) => known.sourcePath)).toEqual(
			n8n.credentials,
		);
		const asked = loader.types.nodes.flatMap((node) =>
			(node.credentials ?? []).map((credential) => credential.name),
		);
		expect(asked.sort()).toEqual(['smsCenterApi', 'smsCenterTriggerApi']);
	});

	it('has no runtime dependencies and n8n-workflow as a peer', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});
});

describe('the check that dist/ is not older than its sources', () => {
	let root: string;
	const at = (path: string, seconds: number) => {
		mkdirSync(join(path, '..'), { recursive: true });
		writeFileSync(path, '');
		utimesSync(path, seconds, seconds);
	};
	beforeEach(() => {
		root = mkdtempSync(join(tmpdir(), 'smscenter-dist-'));
	});
	afterEach(() => rmSync(root, { recursive: true, force: true }));

	it('passes when every source is older than the build', () => {
		at(join(root, 'nodes', 'SmsCenter', 'SmsCenter.node.ts'), 1_000);
		at(join(root, 'credentials', 'SmsCenterApi.credentials.ts'), 1_000);
		at(join(root, 'dist', 'nodes', 'SmsCenter', 'SmsCenter.node.js'), 2_000);
		expect(staleDistReason(root)).toBeUndefined();
	});

	it('names the sources edited after the build', () => {
		at(join(root, 'dist', 'nodes', 'SmsCenter', 'SmsCenter.node.js'), 2_000);
		at(join(root, 'nodes', 'shared', 'dates.ts'), 3_000);
		at(join(root, 'credentials', 'SmsCenterApi.credentials.ts'), 1_000);
		expect(staleDistReason(root)).toBe(
			'dist/ is older than nodes/shared/dates.ts: run `npm run build` (or `npm test`, which builds first)',
		);
	});

	it('says so when nothing was built', () => {
		at(join(root, 'nodes', 'shared', 'dates.ts'), 1_000);
		expect(staleDistReason(root)).toMatch(/^dist\/ has no built files/);
	});

	it("bundles Israel's holidays alone, with Israel's time zone, and they are the holidays the source gives", () => {
		const vendor = join(DIST, 'nodes', 'shared', 'holidaysVendor.js');
		expect(statSync(vendor).size).toBeLessThan(700_000);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Holidays } = require(vendor) as {
			Holidays: new (
				country: string,
				options: object,
			) => { getHolidays(year: number): Array<{ start: Date; end: Date; name: string }> };
		};
		const yomKippur = new Holidays('IL', { languages: ['en'], types: ['public'] })
			.getHolidays(2027)
			.find((holiday) => holiday.name === 'Day of Atonement (Yom Kippur)');
		expect([yomKippur?.start.toISOString(), yomKippur?.end.toISOString()]).toEqual([
			'2027-10-10T15:00:00.000Z',
			'2027-10-11T15:00:00.000Z',
		]);
		expect(new Holidays('US', {}).getHolidays(2027)).toEqual([]);
	});
});
