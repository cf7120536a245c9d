enum TerminalShellModule {}
