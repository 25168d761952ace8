export { type CapturedMail, type SmtpCapture, startSmtpCapture } from './smtp-capture.ts';
