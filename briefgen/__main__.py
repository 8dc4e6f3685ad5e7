from briefgen.launch import main

main()
