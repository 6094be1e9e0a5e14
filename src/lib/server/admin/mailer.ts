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
	const transport = nodemailer.createTransport(url);
	return {
		async send(mail) {
			await transport.sendMail({ from, to: mail.to, replyTo: mail.replyTo, subject: mail.subject, text: mail.text });
		}
	};
}
