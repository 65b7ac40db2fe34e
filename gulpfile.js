const { src, dest, series } = require('gulp');
const { rmSync } = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

/**
 * Libraries the nodes need at run time are bundled into these modules, so the package has no
 * dependency. Bundled from the TypeScript source so that the libraries' ES module builds are used
 * and what the nodes do not import is left out.
 */
const VENDOR_SOURCES = ['nodes/shared/vendor.ts', 'nodes/SmsCenterTrigger/helpers/vendor.ts'];

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
	});
}

exports.clean = cleanDist;
exports.build = series(copyStaticFiles, bundleVendor);
