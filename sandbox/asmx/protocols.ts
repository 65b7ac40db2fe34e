import { XMLParser } from 'fast-xml-parser';
import {
	convertParam,
	type MethodResult,
	type MethodSpec,
	type ParamValues,
	type ServiceSpec,
} from './services';
import { escapeXml, SCHEMA_NAMESPACES, XML_DECLARATION } from './xml';

export interface AsmxAnswer {
	status: number;
	contentType: string;
	body: string;
}

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

export function soapFault(code: 'soap:Client' | 'soap:Server', message: string): AsmxAnswer {
	return {
		status: 500,
		contentType: 'text/xml; charset=utf-8',
		body:
			`${XML_DECLARATION}<soap:Envelope xmlns:soap="${SOAP_ENV}" ${SCHEMA_NAMESPACES}><soap:Body><soap:Fault>` +
			`<faultcode>${code}</faultcode><faultstring>${escapeXml(message)}</faultstring><detail /></soap:Fault></soap:Body></soap:Envelope>`,
	};
}

export function plainError(message: string): AsmxAnswer {
	return { status: 500, contentType: 'text/plain; charset=utf-8', body: message };
}

/** HttpPost / HttpGet answer: the bare result element. */
export function renderBare(result: MethodResult): string {
	return `${XML_DECLARATION}\r\n<${result.typeName} ${SCHEMA_NAMESPACES} xmlns="${result.namespace}">${result.inner}</${result.typeName}>`;
}

export function renderSoap(method: string, namespace: string, result: MethodResult): string {
	return (
		`${XML_DECLARATION}<soap:Envelope xmlns:soap="${SOAP_ENV}" ${SCHEMA_NAMESPACES}><soap:Body>` +
		`<${method}Response xmlns="${namespace}"><${method}Result${result.soapResultNamespace ? ` xmlns="${result.soapResultNamespace}"` : ''}>${result.inner}</${method}Result></${method}Response>` +
		'</soap:Body></soap:Envelope>'
	);
}

/**
 * A form or query field as ASP.NET's `NameValueCollection` reads it: the name in any letter case, and
 * a name sent several times gives its values joined by commas. `null` when the field is absent.
 */
export function formField(form: URLSearchParams, name: string): string | null {
	const wanted = name.toLowerCase();
	const values: string[] = [];
	for (const [key, value] of form) if (key.toLowerCase() === wanted) values.push(value);
	return values.length === 0 ? null : values.join(',');
}

/** Reads HttpPost/HttpGet form values: every parameter must be present (in any letter case). */
export function readFormParams(spec: MethodSpec, form: URLSearchParams): ParamValues | AsmxAnswer {
	const values: ParamValues = {};
	for (const param of spec.params) {
		const raw = formField(form, param.name);
		if (raw === null)
			return plainError(`System.InvalidOperationException: Missing parameter: ${param.name}.`);
		try {
			values[param.name] = convertParam(param, raw);
		} catch (error) {
			return plainError((error as Error).message);
		}
	}
	return values;
}

const parser = new XMLParser({
	removeNSPrefix: true,
	ignoreAttributes: true,
	parseTagValue: false,
	trimValues: false,
	isArray: () => false,
});

export interface SoapCall {
	method: string;
	values: ParamValues;
}

type XmlNode = string | { [key: string]: XmlNode };

/**
 * Parses a SOAP 1.1 request for a service; answers a fault when the envelope or SOAPAction is wrong.
 * Parameter elements are matched by their exact name, as .NET's XmlSerializer does: an element in
 * another letter case is ignored and its parameter read as missing (unlike form and query fields).
 */
export function readSoapCall(
	service: ServiceSpec,
	body: string,
	soapAction: string | undefined,
): SoapCall | AsmxAnswer {
	let envelope: Record<string, XmlNode>;
	try {
		envelope = parser.parse(body, true) as Record<string, XmlNode>;
	} catch (error) {
		return soapFault(
			'soap:Client',
			`Server was unable to read request. ---> There is an error in XML document. ---> ${(error as Error).message}`,
		);
	}
	const soapBody = (envelope.Envelope as Record<string, XmlNode> | undefined)?.Body;
	if (!soapBody || typeof soapBody !== 'object')
		return soapFault('soap:Client', 'Server was unable to read request. ---> Missing soap:Body.');
	const method = Object.keys(soapBody)[0];
	const action = (soapAction ?? '').replace(/^"|"$/g, '');
	const spec =
		method !== undefined && Object.hasOwn(service.methods, method)
			? service.methods[method]
			: undefined;
	if (!spec || action !== `${service.namespace}${method}`) {
		return soapFault(
			'soap:Client',
			`Server did not recognize the value of HTTP Header SOAPAction: ${action}.`,
		);
	}
	const node = soapBody[method];
	const children: Record<string, XmlNode> = typeof node === 'object' ? node : {};
	const values: ParamValues = {};
	for (const param of spec.params) {
		const raw = children[param.name];
		const text = typeof raw === 'string' ? raw : raw === undefined ? undefined : '';
		if (text === undefined) {
			values[param.name] =
				param.type === 'string' ? '' : typeof param.type === 'object' ? param.type.enum[0] : 0;
			continue;
		}
		try {
			values[param.name] = convertParam(param, text);
		} catch (error) {
			return soapFault(
				'soap:Client',
				`Server was unable to read request. ---> There is an error in XML document. ---> ${(error as Error).message}`,
			);
		}
	}
	return { method, values };
}
