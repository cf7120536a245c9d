print("infisical-tui: not yet")
