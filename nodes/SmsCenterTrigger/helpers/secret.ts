import { createHash, timingSafeEqual } from 'crypto';
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

export const TRIGGER_CREDENTIAL = 'smsCenterTriggerApi';

/** From this version on the secret lives only in the credential. */
export const CREDENTIAL_ONLY_VERSION = 1.1;

export interface ConfiguredSecret {
	secret: string;
	/** Where it came from: the credential, or the deprecated plain parameter of version 1 nodes. */
	source: 'credential' | 'parameter' | 'none';
}

/**
 * Compares in constant time: both sides are hashed first, so neither the content nor the length of
 * the expected secret shows in how long the comparison takes.
 */
export function secretMatches(given: string, expected: string): boolean {
	if (expected === '') return false;
	const a = createHash('sha256').update(given, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}

/** The secret the node is set up with: the credential's, or for version 1 nodes without one, the old parameter's. */
export async function configuredSecret(
	context: IHookFunctions | IWebhookFunctions,
): Promise<ConfiguredSecret> {
	const node = context.getNode();
	if (node.credentials?.[TRIGGER_CREDENTIAL] !== undefined) {
		const credential = await context.getCredentials(TRIGGER_CREDENTIAL);
		return {
			secret: typeof credential.secret === 'string' ? credential.secret : '',
			source: 'credential',
		};
	}
	if (node.typeVersion < CREDENTIAL_ONLY_VERSION) {
		const parameter = context.getNodeParameter('secret', '');
		if (typeof parameter === 'string' && parameter !== '')
			return { secret: parameter, source: 'parameter' };
	}
	return { secret: '', source: 'none' };
}

const MIN_SECRET_LENGTH = 16;
const URL_SAFE = /^[A-Za-z0-9._~-]+$/;

/**
 * What is wrong with a secret for use in the notification URL, or undefined. It must be long enough not
 * to be guessed, and made of characters that need no encoding in a URL (the user pastes it there).
 */
export function secretProblem(secret: string): string | undefined {
	if (secret.length < MIN_SECRET_LENGTH)
		return `The secret has ${secret.length} characters; use at least ${MIN_SECRET_LENGTH} random ones (for example the output of openssl rand -hex 16).`;
	if (!URL_SAFE.test(secret))
		return 'The secret holds characters that change meaning in a URL (such as &, #, + or spaces); use letters, digits, dots, dashes, underscores or tildes.';
	return undefined;
}
