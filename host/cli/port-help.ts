// The --port line every device command's help shows.
export const PORT_HELP = '  --port PATH          the clip\'s serial port (default: the only Espruino board plugged in)';
