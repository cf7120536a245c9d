import XCTest
final class DevServerTestsPlaceholder: XCTestCase { func testPlaceholder() {} }
