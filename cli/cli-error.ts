// An error whose message is for the operator as it is: main.ts prints it without a stack trace.
export class CliError extends Error {}
