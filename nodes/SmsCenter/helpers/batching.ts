export interface BatchPart {
	itemIndex: number;
	numbers: string[];
}

export interface Batch {
	key: string;
	parts: BatchPart[];
	/** Recipients of the whole batch, in order. */
	numbers: string[];
}

/**
 * Plans requests: items with the same key (sender, text and options) share requests of at most
 * `batchSize` recipients; an item with more recipients than that spans several requests.
 * Groups keep the order in which their first item appears.
 */
export function planBatches(
	items: Array<{ itemIndex: number; key: string; numbers: string[] }>,
	batchSize: number,
	/** A smaller size for a group, for example to keep a request within a rate limit. */
	sizeOf: (key: string) => number = () => batchSize,
): Batch[] {
	const groups = new Map<string, Batch[]>();
	for (const item of items) {
		const size = Math.max(1, Math.floor(Math.min(batchSize, sizeOf(item.key))));
		const batches = groups.get(item.key) ?? [];
		groups.set(item.key, batches);
		let remaining = item.numbers;
		while (remaining.length > 0) {
			let current = batches[batches.length - 1];
			if (!current || current.numbers.length >= size) {
				current = { key: item.key, parts: [], numbers: [] };
				batches.push(current);
			}
			const room = size - current.numbers.length;
			const taken = remaining.slice(0, room);
			remaining = remaining.slice(room);
			current.parts.push({ itemIndex: item.itemIndex, numbers: taken });
			current.numbers.push(...taken);
		}
	}
	return [...groups.values()].flat();
}
