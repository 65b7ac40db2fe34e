// Lints the package exactly as it would be published: `npm pack`, unpack, then n8n's community
// package scanner (the check n8n runs before a package is verified) over the tarball's files.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';

const work = mkdtempSync(join(tmpdir(), 'smscenter-pack-'));
try {
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', work], { encoding: 'utf8' }),
	)[0];
	execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', work]);
	const packageDir = join(work, 'package');
	const files = packed.files.map((f) => f.path).sort();
	const unexpected = files.filter(
		(f) => !(f.startsWith('dist/') || ['package.json', 'README.md', 'LICENSE'].includes(f)),
	);
	if (unexpected.length > 0) {
		console.error(`The tarball holds files outside dist/: ${unexpected.join(', ')}`);
		process.exit(1);
	}
	const result = await analyzePackage(packageDir);
	if (!result.passed) {
		console.error(`n8n's scanner refused the packed package: ${result.message}`);
		if (result.details) console.error(result.details);
		process.exit(1);
	}
	console.log(
		`Packed tarball ${packed.filename}: ${files.length} files, ${readdirSync(packageDir).join(', ')}; n8n's scanner found no errors.`,
	);
} finally {
	rmSync(work, { recursive: true, force: true });
}
