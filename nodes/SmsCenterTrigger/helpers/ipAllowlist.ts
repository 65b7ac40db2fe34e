import { ipaddr } from './vendor';

type Address = ReturnType<typeof ipaddr.parse>;
type Range = [Address, number];

export interface Allowlist {
	/** The entries as ranges; a single address is a range of one. */
	ranges: Range[];
	/** Entries that are neither an address nor a CIDR range, as the user wrote them. */
	invalid: string[];
}

const PREFIX = /^(0|[1-9]\d{0,2})$/;
const IPV4_BITS = 32;
const IPV6_BITS = 128;
const MAPPED_IPV4_PREFIX = 96;

/** Strict forms only: four decimal parts for IPv4 (no `127.1`, no octal or hex parts), standard IPv6. */
function parseAddress(text: string): Address | undefined {
	if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
	if (text.includes(':') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
	return undefined;
}

/** One entry: `192.0.2.10`, `198.51.100.0/24`, `2001:db8::/32`; IPv4-mapped IPv6 ranges become IPv4 ranges. */
export function parseEntry(entry: string): Range | undefined {
	const parts = entry.split('/');
	if (parts.length > 2) return undefined;
	const address = parseAddress(parts[0]);
	if (address === undefined) return undefined;
	const max = address.kind() === 'ipv4' ? IPV4_BITS : IPV6_BITS;
	let bits = max;
	if (parts.length === 2) {
		if (!PREFIX.test(parts[1])) return undefined;
		bits = Number(parts[1]);
		if (bits > max) return undefined;
	}
	if (address.kind() === 'ipv6') {
		const v6 = address as ipaddr.IPv6;
		if (v6.isIPv4MappedAddress() && bits >= MAPPED_IPV4_PREFIX)
			return [v6.toIPv4Address(), bits - MAPPED_IPV4_PREFIX];
	}
	return [address, bits];
}

/** Reads the option: entries separated by commas or spaces. Any invalid entry is kept in `invalid`. */
export function parseAllowlist(text: string): Allowlist {
	const entries = text
		.split(/[,\s]+/)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
	const allowlist: Allowlist = { ranges: [], invalid: [] };
	for (const entry of entries) {
		const range = parseEntry(entry);
		if (range) allowlist.ranges.push(range);
		else allowlist.invalid.push(entry);
	}
	return allowlist;
}

/** Describes the invalid entries for an error message. */
export function describeInvalidEntries(invalid: string[]): string {
	const shown = invalid
		.slice(0, 5)
		.map((entry) => `"${entry.length > 60 ? `${entry.slice(0, 60)}…` : entry}"`);
	const more = invalid.length > 5 ? ` and ${invalid.length - 5} more` : '';
	return `${shown.join(', ')}${more} ${invalid.length === 1 ? 'is not an IP address or CIDR range' : 'are not IP addresses or CIDR ranges'} (for example 192.0.2.10, 198.51.100.0/24 or 2001:db8::/32)`;
}

/**
 * Whether the caller's address is in one of the ranges. An IPv4-mapped IPv6 caller (`::ffff:192.0.2.10`,
 * as a dual-stack server reports IPv4 clients) is compared as the IPv4 address. An address that does not
 * parse is never allowed.
 */
export function isAddressAllowed(rawAddress: string, ranges: Range[]): boolean {
	const text = rawAddress.trim();
	if (!ipaddr.isValid(text)) return false;
	let address: Address;
	try {
		address = ipaddr.process(text);
	} catch {
		return false;
	}
	return ranges.some(([base, bits]) => base.kind() === address.kind() && address.match(base, bits));
}
