import { XMLParser, XMLValidator } from '../vendor';

/** The answer could not be read: not XML, or not the shape the document gives. */
export class UnreadableAnswerError extends Error {}

/** The gateway answered with a SOAP fault. */
export class SoapFaultError extends Error {
	constructor(
		readonly faultCode: string,
		readonly faultString: string,
	) {
		super(`${faultCode}: ${faultString}`);
	}
}

export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
	[name: string]: XmlValue;
}

const LIST_ELEMENTS = new Set(['IVRMessageReturnResponse', 'UserPrePaid']);

const parser = new XMLParser({
	removeNSPrefix: true,
	ignoreAttributes: true,
	ignoreDeclaration: true,
	parseTagValue: false,
	trimValues: true,
	isArray: (name: string) => LIST_ELEMENTS.has(name),
});

/** The parsed document, or why the parser refused it (it refuses element names such as __proto__ and constructor). */
function parseOrRefusal(body: string): XmlObject | string {
	try {
		return parser.parse(body) as XmlObject;
	} catch (error) {
		return error instanceof Error ? error.message : 'parser error';
	}
}

/** Parses XML; a document that is not well-formed becomes an UnreadableAnswerError, wrapped in NodeApiError by the transport. */
function parseXml(body: string): XmlObject {
	const validation = XMLValidator.validate(body);
	if (validation !== true)
		throw new UnreadableAnswerError(
			`the answer is not well-formed XML (${validation.err.msg}, line ${validation.err.line})`,
		);
	const parsed = parseOrRefusal(body);
	if (typeof parsed === 'string')
		throw new UnreadableAnswerError(`the answer could not be read as XML (${parsed})`);
	return parsed;
}

/**
 * The XML declaration the gateway writes (first in the document, or none), and the root element with
 * the namespace attributes .NET writes, each at most once and in this order.
 */
const DECLARATION = '^(?:<\\?xml version="1\\.0" encoding="utf-8"\\?>)?\\s*';
const ROOT_OPEN =
	'<([A-Za-z][A-Za-z0-9]{0,63})(?: xmlns:xsi="[^"<>&]{0,200}")?(?: xmlns:xsd="[^"<>&]{0,200}")?(?: xmlns="[^"<>&]{0,200}")?>';
/** Text with something besides white space, without markup, entities or control characters. */
const TEXT = '([^<>&\\x00-\\x1f]*[^<>&\\s\\x00-\\x1f][^<>&\\x00-\\x1f]*)';
const ROOT_WITH_TEXT = new RegExp(`${DECLARATION}${ROOT_OPEN}${TEXT}</\\1>\\s*$`);
const ROOT_WITH_ID = new RegExp(
	`${DECLARATION}${ROOT_OPEN}\\s*<Response>${TEXT}</Response>\\s*<MessageID>${TEXT}</MessageID>\\s*</\\1>\\s*$`,
);

/** Roots the full path reads otherwise: a SOAP envelope, and names the parser refuses. */
const isPlainRoot = (name: string) => name !== 'Envelope' && !(name in Object.prototype);

/**
 * Fast path for the send methods' fixed tiny answers over HttpPost: a root holding a code, or a
 * `<Response>` and a `<MessageID>`, plain text without entities. Read as the full path reads them
 * (property-tested); anything else (SOAP, attributes, entities, other shapes) is left to the full path.
 */
export function readTinyAnswer(body: string): XmlValue | undefined {
	if (body.length > 1000) return undefined;
	const withText = ROOT_WITH_TEXT.exec(body);
	if (withText && isPlainRoot(withText[1])) return withText[2].trim();
	const withId = ROOT_WITH_ID.exec(body);
	if (withId && isPlainRoot(withId[1]))
		return { Response: withId[2].trim(), MessageID: withId[3].trim() };
	return undefined;
}

/**
 * Reads an ASMX answer in either protocol and returns the method's result: the bare result element
 * of HttpPost, or `<MethodResult>` inside the SOAP envelope.
 */
export function readAsmxResult(body: string, method: string): XmlValue {
	return readTinyAnswer(body) ?? readAsmxResultFully(body, method);
}

/** The full path: validated and parsed XML, either protocol. */
export function readAsmxResultFully(body: string, method: string): XmlValue {
	if (body.trim() === '') throw new UnreadableAnswerError('the answer was empty');
	const document = parseXml(body);
	const envelope = document.Envelope;
	if (envelope !== undefined) {
		const soapBody = asObject(asObject(envelope).Body);
		if (soapBody.Fault !== undefined) {
			const fault = asObject(soapBody.Fault);
			throw new SoapFaultError(text(fault.faultcode), text(fault.faultstring));
		}
		const response = soapBody[`${method}Response`];
		if (response === undefined)
			throw new UnreadableAnswerError(`the SOAP answer has no ${method}Response`);
		const result = asObject(response)[`${method}Result`];
		if (result === undefined)
			throw new UnreadableAnswerError(`the SOAP answer has no ${method}Result`);
		return result;
	}
	const roots = Object.keys(document);
	if (roots.length !== 1)
		throw new UnreadableAnswerError('the answer has no single result element');
	return document[roots[0]];
}

export function asObject(value: XmlValue | undefined): XmlObject {
	if (value === undefined || value === '') return {};
	if (typeof value === 'string' || Array.isArray(value))
		throw new UnreadableAnswerError('an element of the answer has an unexpected shape');
	return value;
}

export function text(value: XmlValue | undefined): string {
	if (value === undefined) return '';
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return text(value[0]);
	const inner = value['#text'];
	return typeof inner === 'string' ? inner : '';
}

/** A child element's text; throws when the element is missing. */
export function required(result: XmlObject, name: string): string {
	if (result[name] === undefined)
		throw new UnreadableAnswerError(`the answer has no <${name}> element`);
	return text(result[name]);
}

export function list(value: XmlValue | undefined, name: string): XmlObject[] {
	const container = asObject(value);
	const items = container[name];
	if (items === undefined) return [];
	return (Array.isArray(items) ? items : [items]).map((item) => asObject(item));
}

/**
 * A number the document types as String (balances) or int: whole or with a decimal point, as .NET
 * writes a decimal in the invariant culture and in he-IL alike.
 */
export function readDecimal(raw: string, element: string): number {
	if (!/^-?\d+(?:\.\d+)?$/.test(raw.trim()))
		throw new UnreadableAnswerError(`<${element}> is not a number: "${raw}"`);
	return Number(raw);
}

export function readBoolean(raw: string): boolean {
	return raw.trim().toLowerCase() === 'true';
}
