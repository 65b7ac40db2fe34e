import * as n8nWorkflow from 'n8n-workflow';
import type { IWebhookDescription } from 'n8n-workflow';

/** The *Acknowledge* parameter as an expression, for n8n versions that evaluate every webhook field. */
export const RESPONSE_MODE_TEMPLATE = '={{$parameter["acknowledge"] || "onReceived"}}';

type ResolverHelpers = Pick<typeof n8nWorkflow, 'webhookDescriptionFields' | 'fromParameter'>;

/**
 * The webhook's response mode, read from the *Acknowledge* parameter. n8n evaluates an expression of a
 * webhook description once per call, under its default engine in a V8 isolate of its own (about 10 ms a
 * call in a burst); n8n versions that export `webhookDescriptionFields` read it from the node's
 * parameters instead when they hold no expression, with the same template for the editor and for
 * parameters that do. Older n8n versions get the template alone and evaluate it as before.
 */
export function responseModeField(
	helpers: Partial<ResolverHelpers> = n8nWorkflow,
): Pick<IWebhookDescription, 'responseMode'> {
	const { webhookDescriptionFields, fromParameter } = helpers;
	if (typeof webhookDescriptionFields !== 'function' || typeof fromParameter !== 'function')
		return { responseMode: RESPONSE_MODE_TEMPLATE };
	const fields = webhookDescriptionFields({
		responseMode: fromParameter('acknowledge', 'onReceived'),
	});
	// The same template either way: the editor and expression-holding parameters see one field.
	return fields.responseMode === RESPONSE_MODE_TEMPLATE
		? fields
		: { responseMode: RESPONSE_MODE_TEMPLATE };
}
