import { Resvg } from '@resvg/resvg-js';

export interface Bar {
	label: string;
	value: number;
	highlight?: boolean;
}

export interface Panel {
	title: string;
	unit: string;
	bars: Bar[];
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Horizontal bar charts, one panel per workload, rendered to PNG. */
export function renderChart(title: string, subtitle: string, panels: Panel[]): Buffer {
	const width = 900;
	const barHeight = 26;
	const left = 250;
	const right = 140;
	let y = 70;
	const parts: string[] = [
		`<text x="20" y="32" font-size="20" font-weight="bold">${escape(title)}</text>`,
		`<text x="20" y="54" font-size="12" fill="#555">${escape(subtitle)}</text>`,
	];
	for (const panel of panels) {
		y += 24;
		parts.push(
			`<text x="20" y="${y}" font-size="14" font-weight="bold">${escape(panel.title)}</text>`,
		);
		y += 10;
		const max = Math.max(...panel.bars.map((b) => b.value), 1e-9);
		for (const bar of panel.bars) {
			const length = Math.max(2, ((width - left - right) * bar.value) / max);
			parts.push(`<text x="20" y="${y + 18}" font-size="13">${escape(bar.label)}</text>`);
			parts.push(
				`<rect x="${left}" y="${y + 4}" width="${length.toFixed(1)}" height="${barHeight - 8}" fill="${bar.highlight ? '#1565c0' : '#9e9e9e'}"/>`,
			);
			parts.push(
				`<text x="${left + length + 8}" y="${y + 18}" font-size="12">${escape(`${formatNumber(bar.value)} ${panel.unit}`)}</text>`,
			);
			y += barHeight;
		}
	}
	const height = y + 20;
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, Liberation Sans, sans-serif"><rect width="100%" height="100%" fill="#ffffff"/>${parts.join('')}</svg>`;
	return new Resvg(svg, { font: { loadSystemFonts: true } }).render().asPng();
}

export function formatNumber(value: number): string {
	if (value >= 100) return value.toFixed(0);
	if (value >= 10) return value.toFixed(1);
	return value.toFixed(2);
}
