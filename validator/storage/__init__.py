"""What is kept and proved later: the file-report cache, and the signed receipts of delivery
(their signing and verifying; the gate keeps them in its register).
"""
