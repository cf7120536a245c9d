print("dev server: not yet")
