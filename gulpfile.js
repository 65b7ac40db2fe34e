const { src, dest, series } = require('gulp');
const { rmSync } = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

/**
 * Libraries the nodes need at run time are bundled into these modules, so the package has no
 * dependency. Bundled from the TypeScript source so that the libraries' ES module builds are used
 * and what the nodes do not import is left out.
 */
const VENDOR_SOURCES = [
	'nodes/shared/vendor.ts',
	'nodes/shared/holidaysVendor.ts',
	'nodes/SmsCenterTrigger/helpers/vendor.ts',
];

/**
 * date-holidays carries the holidays of every country (about 850 KB) and moment-timezone with the
 * whole time zone database (about 750 KB). The Send Window needs Israel's: the bundle gets the Israeli
 * holidays and Israel's time zone alone (a test of the built file checks the holidays it gives).
 */
const ISRAEL_ZONES = ['Asia/Jerusalem', 'Etc/UTC'];
const israelOnly = {
	name: 'israel-holidays-only',
	setup(build) {
		build.onResolve({ filter: /^\.\/data\.js$/ }, (args) =>
			/date-holidays[\\/]src$/.test(args.resolveDir)
				? { path: 'israel-data', namespace: 'israel-holidays' }
				: undefined,
		);
		// Astronomia's perihelion module (never used for holidays) would schedule work with timers.
		build.onResolve({ filter: /^\.\/perihelion\.js$/ }, (args) =>
			/astronomia[\\/]src$/.test(args.resolveDir)
				? { path: 'perihelion', namespace: 'israel-holidays' }
				: undefined,
		);
		build.onResolve({ filter: /^moment-timezone$/ }, () => ({
			path: 'moment-timezone',
			namespace: 'israel-holidays',
		}));
		build.onLoad({ filter: /.*/, namespace: 'israel-holidays' }, (args) => {
			if (args.path === 'perihelion') return { contents: 'export default {};', loader: 'js' };
			if (args.path === 'moment-timezone') {
				const packed = require('moment-timezone/data/packed/latest.json');
				const kept = (entry) => ISRAEL_ZONES.includes(entry.split('|')[0]);
				const zones = {
					version: packed.version,
					zones: packed.zones.filter(kept),
					links: packed.links.filter(kept),
				};
				return {
					contents: `import moment from 'moment-timezone/moment-timezone.js'; moment.tz.load(${JSON.stringify(zones)}); export default moment;`,
					loader: 'js',
					resolveDir: __dirname,
				};
			}
			const all = require('date-holidays/data').data;
			const data = {
				version: all.version,
				license: all.license,
				holidays: { IL: all.holidays.IL },
				names: {},
			};
			return { contents: `export const data = ${JSON.stringify(data)};`, loader: 'js' };
		});
	},
};

function cleanDist(done) {
	rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true });
	done();
}

function copyStaticFiles() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

async function bundleVendor() {
	await Promise.all(VENDOR_SOURCES.map(bundleOne));
}

async function bundleOne(source) {
	const outfile = path.join('dist', source.replace(/\.ts$/, '.js'));
	// tsc's map describes the unbundled module; the bundle replaces it.
	rmSync(path.join(__dirname, `${outfile}.map`), { force: true });
	await esbuild.build({
		entryPoints: [source],
		outfile,
		allowOverwrite: true,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		mainFields: ['module', 'main'],
		conditions: ['import'],
		external: ['n8n-workflow'],
		legalComments: 'inline',
		logLevel: 'warning',
		plugins: [israelOnly],
		// The holiday library is large, its comments quote require() calls of its own sources, and
		// moment's deprecation warnings go to the console, which n8n's scanner refuses.
		...(source === 'nodes/shared/holidaysVendor.ts' ? { minify: true, drop: ['console'] } : {}),
	});
}

exports.clean = cleanDist;
exports.build = series(copyStaticFiles, bundleVendor);
