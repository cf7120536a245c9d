import XCTest
final class TUICoreTestsPlaceholder: XCTestCase { func testPlaceholder() {} }
