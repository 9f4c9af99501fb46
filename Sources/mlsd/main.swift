print("mlsd")
