// The --port line every device command's help shows.
export const PORT_HELP = '  --port PATH          the clip\'s serial port (default: $POSTURE_PORT, else the only\n                       Espruino board plugged in)';
export const JSON_HELP = '  --json               print the result as JSON, its fields documented in docs/json.md';
