export const SENDER_NAME_RULE =
	'a sender name is up to 11 characters of English letters, digits and spaces with at least one letter, or a number of up to 15 digits';

/** Returns why a sender name would be refused, or undefined when it is fine. */
export function senderNameProblem(sender: string): string | undefined {
	if (sender.trim() === '') return 'the sender name is empty';
	if (/^\d{1,15}$/.test(sender)) return undefined;
	if (/^\d+$/.test(sender)) return `"${sender}" has ${sender.length} digits`;
	if (sender.length > 11) return `"${sender}" has ${sender.length} characters`;
	if (!/^[A-Za-z0-9 ]+$/.test(sender)) return `"${sender}" has characters other than English letters, digits and spaces`;
	return undefined;
}
