import * as n8nWorkflow from 'n8n-workflow';
import type { IHookFunctions, IWebhookDescription, IWebhookFunctions } from 'n8n-workflow';

/** The *Acknowledge* parameter as an expression, for n8n versions that evaluate every webhook field. */
export const RESPONSE_MODE_TEMPLATE = '={{$parameter["acknowledge"] || "onReceived"}}';

type ResolverHelpers = Pick<typeof n8nWorkflow, 'webhookDescriptionFields' | 'fromParameter'>;

/**
 * The *Acknowledge* parameter as n8n reads it for the response mode (the template and its resolver):
 * empty is *On Receipt*, so that the node behaves as n8n answers.
 */
export function acknowledgeOf(context: IHookFunctions | IWebhookFunctions): string {
	const value = context.getNodeParameter('acknowledge', 'onReceived');
	return typeof value === 'string' && value !== '' ? value : 'onReceived';
}

/**
 * The webhook's response mode, read from the *Acknowledge* parameter. n8n evaluates an expression of a
 * webhook description once per call through its expression engine; n8n versions that export
 * `webhookDescriptionFields` read it from the node's parameters instead when they hold no expression,
 * with the same template for the editor and for parameters that do. Under n8n 2.40's `vm` engine that
 * saves the evaluation (milliseconds in the fresh isolate of each call, measured in a burst) and, where
 * n8n acquires isolates lazily (`N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true`), the isolate itself. Older
 * n8n versions get the template alone and evaluate it as before.
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
