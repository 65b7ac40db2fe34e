/** Formats an instant as Israel local time, the way the gateway writes dates. */
function israelParts(date: Date): Record<string, string> {
	const formatter = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Asia/Jerusalem',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23',
	});
	const parts: Record<string, string> = {};
	for (const part of formatter.formatToParts(date)) parts[part.type] = part.value;
	return parts;
}

/** `DDMMYYYYHHMMSS`, the `{Dlr_ddmmyyyhhmmss}` token. */
export function dlrTimestamp(date: Date): string {
	const p = israelParts(date);
	return `${p.day}${p.month}${p.year}${p.hour}${p.minute}${p.second}`;
}

/** `dd/MM/yyyy HH:mm:ss`, as in GetMessagesResponseByMessageID. */
export function ivrSendDate(date: Date): string {
	const p = israelParts(date);
	return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** `yyyy-MM-ddTHH:mm:ss` in Israel time, as .NET serialises a DateTime of unspecified kind. */
export function xsdLocalDateTime(date: Date): string {
	const p = israelParts(date);
	return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}
