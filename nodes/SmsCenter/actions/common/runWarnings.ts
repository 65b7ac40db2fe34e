import type { IExecuteFunctions } from 'n8n-workflow';

const MAX_HINTS = 10;

function itemList(itemIndexes: number[]): string {
	const shown = itemIndexes.slice(0, 20).map((index) => index + 1);
	const more =
		itemIndexes.length > shown.length ? ` and ${itemIndexes.length - shown.length} more` : '';
	return `${shown.join(', ')}${more}`;
}

/**
 * Warnings of a run: things SMSCenter or an operator may refuse, which the node does not refuse
 * itself. Each distinct warning becomes one n8n execution hint naming its items.
 */
export class RunWarnings {
	private readonly byText = new Map<string, number[]>();

	add(itemIndex: number, text: string): void {
		const items = this.byText.get(text) ?? [];
		if (!items.includes(itemIndex)) items.push(itemIndex);
		this.byText.set(text, items);
	}

	addHintsTo(ctx: IExecuteFunctions): void {
		if (this.byText.size === 0 || typeof ctx.addExecutionHints !== 'function') return;
		const entries = [...this.byText.entries()];
		for (const [text, items] of entries.slice(0, MAX_HINTS)) {
			ctx.addExecutionHints({
				type: 'warning',
				location: 'outputPane',
				message: `Item(s) ${itemList(items)}: ${text}`,
			});
		}
		if (entries.length > MAX_HINTS)
			ctx.addExecutionHints({
				type: 'warning',
				location: 'outputPane',
				message: `${entries.length - MAX_HINTS} more warnings of the same kind.`,
			});
	}
}
