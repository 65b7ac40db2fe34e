/** The package's documentation: the README on GitHub. */
export const DOCUMENTATION_PAGE = 'https://github.com/n8n-nodes-smscenter/n8n-nodes-smscenter';

/**
 * A link to a README section for a node's `documentationUrl`. n8n opens that URL as it is, whereas
 * it appends tracking parameters to the codex link, which would follow the `#` and break the jump.
 */
export function documentationSection(anchor: string): string {
	return `${DOCUMENTATION_PAGE}#${anchor}`;
}
