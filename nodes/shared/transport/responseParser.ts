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
 * Reads an ASMX answer in either protocol and returns the method's result: the bare result element
 * of HttpPost, or `<MethodResult>` inside the SOAP envelope.
 */
export function readAsmxResult(body: string, method: string): XmlValue {
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

export function readInteger(raw: string, element: string): number {
	if (!/^-?\d+$/.test(raw.trim()))
		throw new UnreadableAnswerError(`<${element}> is not a whole number: "${raw}"`);
	return Number(raw);
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
