/**
 * Terminal output: whether it is a terminal and may use colour, a status line redrawn in place,
 * aligned tables, and number and duration formats shared by every command.
 */
package io.leakproof.cli.internal.term;
