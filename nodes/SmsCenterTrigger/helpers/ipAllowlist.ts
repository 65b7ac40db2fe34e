const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** 4 for an IPv4 address, 6 for an IPv6 address (without zone or embedded IPv4), 0 otherwise. */
export function isIP(address: string): 0 | 4 | 6 {
	if (IPV4.test(address)) return 4;
	if (!/^[0-9a-f:]+$/i.test(address) || !address.includes(':')) return 0;
	const halves = address.split('::');
	if (halves.length > 2) return 0;
	const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
	if (groups.some((group) => !/^[0-9a-f]{1,4}$/i.test(group))) return 0;
	if (halves.length === 1 ? groups.length !== 8 : groups.length > 7) return 0;
	return 6;
}

function ipv4ToNumber(address: string): number {
	return address.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function ipv6ToBigInt(address: string): bigint {
	const [head, tail = ''] = address.split('::');
	const headParts = head === '' ? [] : head.split(':');
	const tailParts = tail === '' ? [] : tail.split(':');
	const missing = 8 - headParts.length - tailParts.length;
	const parts = address.includes('::') ? [...headParts, ...Array<string>(missing).fill('0'), ...tailParts] : headParts;
	return parts.reduce((acc, part) => (acc << 16n) + BigInt(parseInt(part || '0', 16)), 0n);
}

/** `::ffff:1.2.3.4` is the IPv4 address 1.2.3.4. */
export function plainAddress(address: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	return mapped ? mapped[1] : address;
}

/** Entries that are neither an address nor a CIDR range. */
export function invalidAllowlistEntries(entries: string[]): string[] {
	return entries.filter((entry) => {
		const [address, bits] = entry.split('/');
		const family = isIP(address);
		if (family === 0) return true;
		if (bits === undefined) return false;
		const max = family === 4 ? 32 : 128;
		return !/^\d+$/.test(bits) || Number(bits) > max;
	});
}

export function parseAllowlist(text: string): string[] {
	return text
		.split(/[,\s]+/)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

/** Whether an address is in one of the entries (single addresses or CIDR ranges, IPv4 and IPv6). */
export function isAddressAllowed(rawAddress: string, entries: string[]): boolean {
	const address = plainAddress(rawAddress);
	const family = isIP(address);
	if (family === 0) return false;
	return entries.some((entry) => {
		const [base, bitsText] = entry.split('/');
		const baseAddress = plainAddress(base);
		if (isIP(baseAddress) !== family) return false;
		if (family === 4) {
			const bits = bitsText === undefined ? 32 : Number(bitsText);
			if (bits === 0) return true;
			const mask = bits === 32 ? 0xffffffff : ~((1 << (32 - bits)) - 1) >>> 0;
			return ((ipv4ToNumber(address) & mask) >>> 0) === ((ipv4ToNumber(baseAddress) & mask) >>> 0);
		}
		const bits = BigInt(bitsText === undefined ? 128 : Number(bitsText));
		const shift = 128n - bits;
		return ipv6ToBigInt(address) >> shift === ipv6ToBigInt(baseAddress) >> shift;
	});
}
