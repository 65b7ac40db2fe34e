import { Resvg } from '@resvg/resvg-js';
import { medianOf, stats, type Results } from './targets';

/** One row: the whole-workflow time (light) with the variant's own time over it (dark). */
export interface Bar {
	label: string;
	whole: number;
	own?: number;
	highlight?: boolean;
}

export interface Panel {
	title: string;
	unit: string;
	bars: Bar[];
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function formatNumber(value: number): string {
	if (value >= 100) return value.toFixed(0);
	if (value >= 10) return value.toFixed(1);
	return value.toFixed(2);
}

const WIDTH = 700;
const LEFT = 190;
const RIGHT = 170;
const BAR = 24;

/** One column of panels, starting at `x`, `y`; returns its SVG and its height. */
function column(
	x: number,
	y0: number,
	heading: string,
	panels: Panel[],
): { svg: string; bottom: number } {
	const parts = [
		`<text x="${x + 10}" y="${y0}" font-size="16" font-weight="bold">${escape(heading)}</text>`,
	];
	let y = y0;
	for (const panel of panels) {
		y += 26;
		parts.push(
			`<text x="${x + 10}" y="${y}" font-size="13" font-weight="bold">${escape(panel.title)}</text>`,
		);
		y += 6;
		const max = Math.max(...panel.bars.map((b) => Math.max(b.whole, b.own ?? 0)), 1e-9);
		const scale = (value: number) => Math.max(2, ((WIDTH - LEFT - RIGHT) * value) / max);
		for (const bar of panel.bars) {
			const dark = bar.highlight ? '#1565c0' : '#616161';
			const light = bar.highlight ? '#90caf9' : '#d0d0d0';
			parts.push(`<text x="${x + 10}" y="${y + 17}" font-size="12">${escape(bar.label)}</text>`);
			parts.push(
				`<rect x="${x + LEFT}" y="${y + 4}" width="${scale(bar.whole).toFixed(1)}" height="${BAR - 8}" fill="${bar.own === undefined ? dark : light}"/>`,
			);
			if (bar.own !== undefined)
				parts.push(
					`<rect x="${x + LEFT}" y="${y + 4}" width="${scale(bar.own).toFixed(1)}" height="${BAR - 8}" fill="${dark}"/>`,
				);
			const text =
				bar.own === undefined
					? `${formatNumber(bar.whole)} ${panel.unit}`
					: `own ${formatNumber(bar.own)} / ${formatNumber(bar.whole)} ${panel.unit}`;
			parts.push(
				`<text x="${x + LEFT + scale(Math.max(bar.whole, bar.own ?? 0)) + 6}" y="${y + 17}" font-size="11">${escape(text)}</text>`,
			);
			y += BAR;
		}
	}
	return { svg: parts.join(''), bottom: y };
}

const WORKLOAD_TITLES: Record<string, string> = {
	A1: 'A1 broadcast, text by expression',
	A2: 'A2 broadcast, text typed',
	A3: 'A3 one item holding the numbers',
	B: 'B personalised texts',
};

/** Panels of one engine: per workload and concurrency, each variant's own and whole time (median, seconds). */
function enginePanels(results: Results, engineName: string): Panel[] {
	const engine = results.engines[engineName];
	const panels: Panel[] = [];
	for (const [key, entry] of Object.entries(engine.workloads)) {
		const items = entry.variants.node?.items ?? 0;
		const bars: Bar[] = [];
		const label: Record<string, string> = {
			node: 'SMSCenter node',
			http: entry.workload === 'A3' ? 'Split Out + HTTP Request' : 'HTTP Request node',
			undici: 'raw undici loop',
			control: 'control (no sending step)',
		};
		for (const variant of ['node', 'http', 'undici', 'control']) {
			const whole = medianOf(engine, key, variant, 'wholeMs');
			if (whole === undefined) continue;
			const own =
				variant === 'node' || variant === 'http'
					? medianOf(engine, key, variant, 'ownMs')
					: undefined;
			const n = entry.variants[variant].items;
			const suffix = variant === 'http' && n !== items ? ` (${n} items)` : '';
			bars.push({
				label: `${label[variant]}${suffix}`,
				whole: whole / 1000,
				own: own === undefined ? undefined : own / 1000,
				highlight: variant === 'node',
			});
		}
		panels.push({
			title: `${WORKLOAD_TITLES[entry.workload] ?? entry.workload}, ${items} ${entry.workload === 'A3' ? 'numbers' : 'items'}, ${entry.concurrency} in flight`,
			unit: 's',
			bars,
		});
	}
	const c = engine.c;
	if (c) {
		const bars: Bar[] = Object.entries(c.trigger).map(([level, runs]) => ({
			label: `Trigger, ${level} remembered`,
			whole: stats(runs.map((r) => r.ms)).median / c.burst,
			highlight: true,
		}));
		bars.push({ label: 'Webhook node', whole: stats(c.webhook.map((r) => r.ms)).median / c.burst });
		panels.push({
			title: `C ${c.burst} delivery reports, 10% repeats, ${c.inFlight} in flight (ms per report)`,
			unit: 'ms',
			bars,
		});
	}
	return panels;
}

/** The chart: one column per expression engine; light bars whole workflow, dark bars the node's own time. */
export function renderChart(results: Results): Buffer {
	// A column per engine that ran A and B (the C-only engines have no send workloads to draw).
	const drawn = results.flags.engines as string[];
	const engines = Object.keys(results.engines).filter((name) => drawn.includes(name));
	const parts: string[] = [
		`<text x="20" y="30" font-size="20" font-weight="bold">n8n-nodes-smscenter benchmark: medians of ${String(results.flags.runs)} runs, seconds</text>`,
		`<text x="20" y="50" font-size="12" fill="#555">${escape(`light bar: whole workflow; dark bar: the node's own time (n8n's executionTime); sandbox latency ${String(results.flags.latencyMs)} ms; ${results.machine}; load average ${results.loadavg.start.join(' ')}`)}</text>`,
	];
	let bottom = 0;
	engines.forEach((name, index) => {
		const col = column(
			index * WIDTH,
			80,
			`N8N_EXPRESSION_ENGINE=${name}`,
			enginePanels(results, name),
		);
		parts.push(col.svg);
		bottom = Math.max(bottom, col.bottom);
	});
	const width = Math.max(1, engines.length) * WIDTH;
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${bottom + 20}" font-family="DejaVu Sans, Liberation Sans, sans-serif"><rect width="100%" height="100%" fill="#ffffff"/>${parts.join('')}</svg>`;
	return new Resvg(svg, { font: { loadSystemFonts: true } }).render().asPng();
}
