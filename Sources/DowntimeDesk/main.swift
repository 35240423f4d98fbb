import DeskDefaults
print(BundledDefaults.directory as Any)
