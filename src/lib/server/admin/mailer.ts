/**
 * E-mail for inquiries (nodemailer). Only when NT_SMTP_URL is set; otherwise inquiries wait in the
 * back office's inbox. The message is plain text, so nothing a visitor typed is ever rendered as HTML.
 */
import nodemailer from 'nodemailer';

export interface Mail {
	to: string;
	replyTo: string;
	subject: string;
	text: string;
}

export interface Mailer {
	send(mail: Mail): Promise<void>;
}

export function smtpMailer(url: string, from: string): Mailer {
	// Short timeouts unless the URL sets its own (nodemailer reads options from the query): the visitor
	// waits for the answer, and the inquiry is stored already if the mail fails.
	const withTimeouts = new URL(url);
	for (const [k, v] of [['connectionTimeout', '10000'], ['greetingTimeout', '10000'], ['socketTimeout', '20000']] as const) {
		if (!withTimeouts.searchParams.has(k)) withTimeouts.searchParams.set(k, v);
	}
	const transport = nodemailer.createTransport(withTimeouts.toString());
	return {
		async send(mail) {
			await transport.sendMail({ from, to: mail.to, replyTo: mail.replyTo, subject: mail.subject, text: mail.text });
		}
	};
}
