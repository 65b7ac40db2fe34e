const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

/** Addresses separated by commas, semicolons or spaces; anything that is not an address is listed apart. */
export function splitEmails(value: string): { emails: string[]; invalid: string[] } {
	const parts = value
		.split(/[,;\s]+/)
		.map((p) => p.trim())
		.filter((p) => p !== '');
	return {
		emails: parts.filter((p) => EMAIL.test(p)),
		invalid: parts.filter((p) => !EMAIL.test(p)),
	};
}
