/* Nothing to call: SwiftRuntimeSettings.c is a constructor that configures the Swift
 * runtime before it starts. SwiftPM wants a public header directory for a C target. */
