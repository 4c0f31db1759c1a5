def test_an_artisan_sees_only_their_own_lines_and_only_what_packing_needs(client, mixed_order, artisan_a, artisan_b):
    # Given an order with a line from A and a line from B, placed by a shopper with an email address
    client.force_login(artisan_a.user)
    # When A opens their orders
    response = client.get("/artisans/studio/orders/")
    html = response.content.decode()
    # Then A sees the order, their own line and where to send it, but not B's line nor the buyer's email
    assert response.status_code == 200
    assert str(mixed_order.number) in html
    assert artisan_a.line.title in html
    assert artisan_b.line.title not in html
    assert "14 Lake View Road" in html and "560001" in html and "Meera Iyer" in html
    assert mixed_order.user.email not in html
    assert str(mixed_order.total_incl_tax) not in html


def test_orders_of_a_suspended_artisan_remain_in_the_order_and_ops_sees_them(client, mixed_order, artisan_a, ops):
    from artisans.services import artisan_suspend

    artisan_suspend(profile=artisan_a.profile, by=ops, reason="Quality complaints")
    client.force_login(ops)
    html = client.get(f"/dashboard/orders/{mixed_order.number}/").content.decode()
    assert artisan_a.line.title in html
